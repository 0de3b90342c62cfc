// A code taken from the camera is confirmed the way a barcode scanner does it: a short beep and a buzz, so the
// installer can keep their eyes on the next device. Generated on the spot: no audio file to load.

let audio: AudioContext | undefined;

export function scanFeedback(): void {
  if ("vibrate" in navigator) navigator.vibrate(60);
  try {
    // The page has had the owner's click (choosing the door), so the context may start.
    audio ??= new AudioContext();
    void audio.resume();
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 1400;
    volume.gain.value = 0.08;
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.08);
  } catch {
    // Sound is a courtesy: a browser that refuses it still shows the new row.
  }
}
