// Bundles each page of src/ into target/classes/dev/booty/web/PAGE/ (a script and its HTML), so
// the jar carries them as resources. Run by Maven (npm run build) after npm ci. CSS a page's
// script imports is bundled by esbuild into main.css next to main.js (the dashboard's index.html
// links it); a page without CSS imports gets no main.css.
import { build } from "esbuild";
import { copyFile, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";

const out = "target/classes/dev/booty/web";
for (const page of await readdir("src")) {
  const dir = join(out, page);
  await mkdir(dir, { recursive: true });
  await build({
    entryPoints: [join("src", page, "main.js")],
    bundle: true,
    minify: true,
    format: "iife",
    target: "chrome120",
    outfile: join(dir, "main.js"),
    logLevel: "error",
  });
  await copyFile(join("src", page, "index.html"), join(dir, "index.html"));
}
