import { register } from "tsx/esm/api";
register();
await import("./sse-worker.ts");
