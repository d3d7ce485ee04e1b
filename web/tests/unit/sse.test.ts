import { describe, expect, it } from "vitest";
import { createSseParser, type SseEvent } from "@/lib/api/sse";

function collect() {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  });
  return { parser, events, comments, retries };
}

const STREAM =
  'retry: 3000\n: connected\n\nevent: created\ndata: {"id":1,"version":1}\n\n: heartbeat\n\n' +
  'event: deleted\ndata: {"id":1}\n\nevent: end\ndata: {"reason":"token_expired"}\n\n';

describe("SSE parser", () => {
  it("reads the contract's stream: retry, comments, named events", () => {
    const { parser, events, comments, retries } = collect();
    parser.push(STREAM);
    expect(retries).toEqual([3000]);
    expect(comments).toEqual(["connected", "heartbeat"]);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ["created", '{"id":1,"version":1}'],
      ["deleted", '{"id":1}'],
      ["end", '{"reason":"token_expired"}'],
    ]);
  });

  it("gives the same events however the text is split, one character at a time included", () => {
    const whole = collect();
    whole.parser.push(STREAM);
    for (let size = 1; size <= 7; size += 1) {
      const split = collect();
      for (let i = 0; i < STREAM.length; i += size) split.parser.push(STREAM.slice(i, i + size));
      expect(split.events).toEqual(whole.events);
      expect(split.comments).toEqual(whole.comments);
    }
  });

  it("accepts CRLF and lone CR line ends, also when a CRLF is split between chunks", () => {
    const { parser, events } = collect();
    parser.push("event: updated\r");
    parser.push("\ndata: a\r\r");
    parser.push("event: x\rdata: b\r\n\r\n");
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ["updated", "a"],
      ["x", "b"],
    ]);
  });

  it("joins several data lines with newlines and strips only one leading space", () => {
    const { parser, events } = collect();
    parser.push("data: first\ndata:second\ndata:  third\n\n");
    expect(events[0]).toEqual({ type: "message", data: "first\nsecond\n third", lastEventId: "" });
  });

  it("dispatches nothing for an event without data, and resets its type", () => {
    const { parser, events } = collect();
    parser.push("event: created\n\ndata: x\n\n");
    expect(events).toEqual([{ type: "message", data: "x", lastEventId: "" }]);
  });

  it("drops a half-received event and ignores unknown fields, a bad retry and a BOM", () => {
    const { parser, events, retries } = collect();
    parser.push("\uFEFFfoo: bar\nretry: soon\nid: 7\ndata: kept\n\ndata: never finished");
    expect(events).toEqual([{ type: "message", data: "kept", lastEventId: "7" }]);
    expect(retries).toEqual([]);
  });

  it("takes a line without a colon as a field with an empty value", () => {
    const { parser, events } = collect();
    parser.push("data\ndata\n\n");
    expect(events[0]?.data).toBe("\n");
  });
});
