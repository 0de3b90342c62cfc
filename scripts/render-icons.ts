// `npx tsx scripts/render-icons.ts`: renders public/icons/app.svg to the PNGs the web-app manifest and home
// screens need, plus app/favicon.ico for browsers that ask for it before reading the page. The SVG itself (the
// tab icon) follows the light or dark colour scheme; the PNGs are the light one, a green tile that reads on any
// home screen. Run again after changing the SVG; the outputs are committed.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const svg = readFileSync(path.join(root, "public/icons/app.svg"), "utf8");

/** An .ico file holding PNG images (allowed since Windows Vista, read by every current browser). */
function icoOf(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const render = async (size: number) => {
      const page = await browser.newPage({ viewport: { width: size, height: size }, colorScheme: "light" });
      await page.setContent(`<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
      const data = await page.screenshot({ type: "png" });
      await page.close();
      return data;
    };
    for (const size of [192, 512]) writeFileSync(path.join(root, `public/icons/app-${size}.png`), await render(size));
    writeFileSync(path.join(root, "public/icons/apple-touch-icon.png"), await render(180));
    // Inside an .ico the PNG must be RGBA, which screenshots of an opaque page are not; a canvas export is.
    const rgba = async (size: number) => {
      const page = await browser.newPage({ colorScheme: "light" });
      const dataUrl = await page.evaluate(
        async ({ svg, size }) => {
          const image = new Image(size, size);
          image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
          await image.decode();
          const canvas = Object.assign(document.createElement("canvas"), { width: size, height: size });
          canvas.getContext("2d")!.drawImage(image, 0, 0, size, size);
          return canvas.toDataURL("image/png");
        },
        { svg, size },
      );
      await page.close();
      return Buffer.from(dataUrl.split(",")[1]!, "base64");
    };
    const ico = [];
    for (const size of [32, 48]) ico.push({ size, data: await rgba(size) });
    writeFileSync(path.join(root, "app/favicon.ico"), icoOf(ico));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
