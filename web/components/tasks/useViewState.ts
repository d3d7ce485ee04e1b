"use client";
// The current view, kept in the address (/tasks?view=today, /tasks?tag=Home)
// so that reloading, Back and a bookmark all land on the same list. The page
// is not re-rendered on the server for a view change: history.pushState only.
// A navigation that does render it again (a link to /tasks) brings a new
// `initial` view, which then wins over the one on screen.
import { useCallback, useEffect, useState } from "react";
import { viewFromSearch, viewKey, viewSearch, type View } from "@/lib/tasks/views";

function viewOfLocation(): View {
  const params = new URLSearchParams(window.location.search);
  return viewFromSearch({ view: params.get("view"), tag: params.get("tag") });
}

export function useViewState(initial: View) {
  const initialKey = viewKey(initial);
  const [state, setState] = useState({ view: initial, from: initialKey });
  if (state.from !== initialKey) setState({ view: initial, from: initialKey });

  useEffect(() => {
    const onPop = () => setState((s) => ({ ...s, view: viewOfLocation() }));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  /** Shows `next`; a new history entry unless the address names it already. */
  const go = useCallback((next: View) => {
    if (viewKey(viewOfLocation()) !== viewKey(next)) {
      window.history.pushState(null, "", `${window.location.pathname}${viewSearch(next)}`);
    }
    setState((s) => ({ ...s, view: next }));
  }, []);

  return [state.view, go] as const;
}
