import type { MetadataRoute } from "next";
import { themeColors } from "@/components/theme/themeColors";

// Installed, the app opens on the claim page, whose first door is the camera: one tap from the home screen to
// scanning a device's code.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "ioID Device Wallet",
    short_name: "ioID Wallet",
    description: "Claim your DePIN devices on IoTeX ioID: scan, verify, bind.",
    start_url: "/claim",
    scope: "/",
    display: "standalone",
    orientation: "portrait",
    background_color: themeColors.light.background,
    theme_color: themeColors.light.brand,
    icons: [
      { src: "/icons/app-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/app-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      // The glyph sits inside the central safe zone on a full-bleed background, so the same image masks well.
      { src: "/icons/app-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icons/app.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
    shortcuts: [
      {
        name: "Scan a device's QR code",
        short_name: "Scan",
        url: "/claim",
        icons: [{ src: "/icons/app-192.png", sizes: "192x192", type: "image/png" }],
      },
      { name: "My devices", url: "/devices", icons: [{ src: "/icons/app-192.png", sizes: "192x192", type: "image/png" }] },
    ],
  };
}
