// Every test file starts with the demo world's domain loaded, as `npm start` does by default.
import { installDomain } from "../domain/current-domain";
import { demoDomain } from "../../domains/demo";

installDomain(demoDomain);
