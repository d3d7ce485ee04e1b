"use client";
// Tells this browser's other tabs that the person signed out, so that none of
// them stays on a list it can no longer load (nor shows it to the next person
// at a shared computer). BroadcastChannel where there is one; the `storage`
// event as well, for browsers without it (and because a tab whose channel
// was throttled still sees storage changes).

const CHANNEL = "todo-auth";
const STORAGE_KEY = "todo:signed-out";

interface SignedOutMessage {
  type: "signed-out";
  at: number;
  /** The announcing tab: a channel also delivers to the same tab's other channel objects. */
  from: string;
}

const THIS_TAB = Math.random().toString(36).slice(2);

export function announceSignOut(): void {
  const message: SignedOutMessage = { type: "signed-out", at: Date.now(), from: THIS_TAB };
  try {
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage(message);
    channel.close();
  } catch {
    // No BroadcastChannel: the storage event below carries it.
  }
  try {
    // A new value every time: `storage` fires only on a change.
    localStorage.setItem(STORAGE_KEY, String(message.at));
  } catch {
    // Storage disabled: the channel carried it, or the tab finds out at its next request.
  }
}

/** Calls `onSignedOut` once when another tab signs out; returns the unsubscribe. */
export function onSignOutElsewhere(onSignedOut: () => void): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    onSignedOut();
  };
  let channel: BroadcastChannel | null = null;
  try {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as Partial<SignedOutMessage> | null;
      if (data?.type === "signed-out" && data.from !== THIS_TAB) fire();
    };
  } catch {
    channel = null;
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY && event.newValue) fire();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    channel?.close();
    window.removeEventListener("storage", onStorage);
  };
}
