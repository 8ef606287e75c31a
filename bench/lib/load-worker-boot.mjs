// Worker threads do not inherit tsx: register it here, then load the TypeScript worker.
import { register } from "tsx/esm/api";
register();
await import("./load-worker.ts");
