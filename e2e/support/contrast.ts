import type { Locator } from "@playwright/test";

export interface IconContrast {
  /** Mark (tick or cross) against its disc. */
  mark: number;
  /** Disc against the nearest opaque background behind it. */
  disc: number;
}

/**
 * WCAG contrast ratios of a check-state icon as the browser paints it. Colours are resolved through a canvas, so
 * light-dark(), oklch() and custom properties all end up as the sRGB the screen shows.
 */
export async function checkIconContrast(icon: Locator): Promise<IconContrast> {
  return icon.evaluate((svg) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    type Rgba = { r: number; g: number; b: number; a: number };
    const rgb = (css: string): Rgba => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = css;
      context.fillRect(0, 0, 1, 1);
      const data = context.getImageData(0, 0, 1, 1).data;
      return { r: data[0]!, g: data[1]!, b: data[2]!, a: data[3]! };
    };
    const luminance = ({ r, g, b }: Rgba) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (one: Rgba, other: Rgba) => {
      const light = Math.max(luminance(one), luminance(other));
      const dark = Math.min(luminance(one), luminance(other));
      return (light + 0.05) / (dark + 0.05);
    };
    const disc = rgb(getComputedStyle(svg.querySelector("circle")!).fill);
    const mark = rgb(getComputedStyle(svg.querySelector("path")!).stroke);
    let behind: Rgba = { r: 255, g: 255, b: 255, a: 255 };
    for (let element = svg.parentElement; element; element = element.parentElement) {
      const colour = rgb(getComputedStyle(element).backgroundColor);
      if (colour.a === 255) {
        behind = colour;
        break;
      }
    }
    return { mark: ratio(mark, disc), disc: ratio(disc, behind) };
  });
}
