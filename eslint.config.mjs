import next from "eslint-config-next";

const config = [
  { ignores: [".next/**", "node_modules/**", ".data/**", "lib/generated/**", "scratch/**", "playwright-report/**", "test-results/**"] },
  ...next,
];

export default config;
