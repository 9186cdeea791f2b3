// Imported first by the demo world's scripts (seed, benchmarks): they fold and append with the demo domain unless a loader already set one.
import { installDomain, loadedDomain } from "../../lib/domain/current-domain";
import { demoDomain } from "./index";

if (!loadedDomain()) installDomain(demoDomain);
