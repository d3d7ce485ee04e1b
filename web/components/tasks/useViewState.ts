"use client";
// The current view, kept in the address (/tasks?view=today, /tasks?tag=Home)
// so that reloading, Back and a bookmark all land on the same list. The page
// is not re-rendered on the server for a view change: history.pushState only.
import { useCallback, useEffect, useRef, useState } from "react";
import { viewFromSearch, viewKey, viewSearch, type View } from "@/lib/tasks/views";

function viewOfLocation(): View {
  const params = new URLSearchParams(window.location.search);
  return viewFromSearch({ view: params.get("view"), tag: params.get("tag") });
}

export function useViewState(initial: View) {
  const [view, setView] = useState<View>(initial);
  const current = useRef(initial);

  useEffect(() => {
    const onPop = () => {
      current.current = viewOfLocation();
      setView(current.current);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  const go = useCallback((next: View) => {
    if (viewKey(current.current) !== viewKey(next)) {
      window.history.pushState(null, "", `${window.location.pathname}${viewSearch(next)}`);
    }
    current.current = next;
    setView(next);
  }, []);

  return [view, go] as const;
}
