// The visible height of a scrolling element, kept up to date on resize (for virtualized lists).
import { useEffect, useState } from "react";

export function useViewportHeight(viewport: { current: HTMLElement | null }): number {
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight || 600);
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, []);
  return height;
}
