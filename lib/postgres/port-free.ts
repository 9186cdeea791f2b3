import net from "node:net";
import { ClusterError } from "./cluster-error";

/** Throws one line naming the port and the variable that changes it when something already listens there. */
export async function assertPortFree(port: number, variable: string, host = "127.0.0.1"): Promise<void> {
  const inUse = await new Promise<boolean>((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", (e: NodeJS.ErrnoException) => (e.code === "EADDRINUSE" || e.code === "EACCES" ? resolve(true) : reject(e)));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(false)));
  });
  if (inUse) throw new ClusterError(`port ${port} is in use: set ${variable} to a free port`);
}
