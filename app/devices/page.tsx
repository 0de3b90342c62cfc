import type { Metadata } from "next";
import { MyDevices } from "@/components/devices/DeviceList";

export const metadata: Metadata = { title: "My devices" };

export default function DevicesPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">My devices</h1>
      <MyDevices />
    </div>
  );
}
