// Copying a value (an IP, a MAC, a username) to the clipboard. Electron allows clipboard
// writes from our own page only (window.ts); a browser allows them on 127.0.0.1.
export async function copyText(value: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    return false;
  }
}
