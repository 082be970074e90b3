import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `vite` (bun run dev) serves the SPA with hot reload and forwards API calls to a server started with `bun start`.
const apiServer = "http://localhost:9090";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    proxy: { "/trpc": apiServer, "/api": apiServer },
  },
});
