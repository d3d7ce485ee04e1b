// A Server-Sent Events parser for a body read with fetch (EventSource cannot
// send an Authorization header). It follows the WHATWG "event stream
// interpretation": lines end in CRLF, LF or CR, a chunk may end anywhere (even
// between the CR and the LF of one line break), `:` starts a comment, several
// `data:` lines join with "\n", and an event is dispatched at a blank line
// only if it has data. A half-received event at the end of the stream is
// dropped, as the standard says.

export interface SseEvent {
  /** "message" when the stream named none. */
  type: string;
  data: string;
  /** The last `id:` seen so far ("" before any). */
  lastEventId: string;
}

export interface SseHandlers {
  onEvent: (event: SseEvent) => void;
  /** A comment line, without the colon and one leading space (": heartbeat" → "heartbeat"). */
  onComment?: (text: string) => void;
  /** The server's `retry:` in milliseconds. */
  onRetry?: (ms: number) => void;
}

export interface SseParser {
  /** Feeds decoded text; complete lines are interpreted at once. */
  push(text: string): void;
}

export function createSseParser(handlers: SseHandlers): SseParser {
  let buffer = "";
  let atStart = true;
  // The previous chunk ended in CR: an LF starting this one belongs to that line break.
  let skipLf = false;
  let type = "";
  let data: string[] = [];
  let lastEventId = "";

  function dispatch() {
    if (data.length === 0) {
      type = "";
      return;
    }
    const event = { type: type || "message", data: data.join("\n"), lastEventId };
    type = "";
    data = [];
    handlers.onEvent(event);
  }

  function line(text: string) {
    if (text === "") return dispatch();
    if (text.startsWith(":")) {
      handlers.onComment?.(text.slice(1).replace(/^ /, ""));
      return;
    }
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? "" : text.slice(colon + 1).replace(/^ /, "");
    if (field === "data") data.push(value);
    else if (field === "event") type = value;
    else if (field === "id") {
      if (!value.includes("\0")) lastEventId = value;
    } else if (field === "retry" && /^\d+$/.test(value)) handlers.onRetry?.(Number.parseInt(value, 10));
    // Other fields are ignored, as the standard says.
  }

  return {
    push(text) {
      if (text === "") return;
      if (skipLf && text.startsWith("\n")) text = text.slice(1);
      skipLf = false;
      buffer += text;
      if (atStart && buffer.length > 0) {
        if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
        atStart = false;
      }
      let start = 0;
      for (let i = 0; i < buffer.length; i += 1) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer.slice(start, i));
        if (c === 13) {
          if (i + 1 === buffer.length) skipLf = true;
          else if (buffer.charCodeAt(i + 1) === 10) i += 1;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
  };
}
