import { useEffect } from "react";

/** Sets the browser tab title to "<title> · Procella". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Procella` : "Procella";
  }, [title]);
}
