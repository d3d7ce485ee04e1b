// Light, dark, or whatever the system says. The choice lives in localStorage;
// the `dark` class on <html> is what the styles follow (Tailwind's `dark:`
// variant is bound to it in globals.css).

export type ThemeChoice = "system" | "light" | "dark";
export const THEME_STORAGE_KEY = "todo-theme";
export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === "system" || value === "light" || value === "dark";
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): "light" | "dark" {
  return choice === "system" ? (systemPrefersDark ? "dark" : "light") : choice;
}

/**
 * Runs in <head> before the page paints, so a dark page never flashes light
 * (or the other way round). Kept tiny and dependency-free: it is inlined as
 * text. It mirrors resolveTheme and applyTheme below.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=c==="dark"||(c!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light";}catch(_){}})();`;

export function applyTheme(theme: "light" | "dark", root: HTMLElement = document.documentElement): void {
  root.classList.toggle("dark", theme === "dark");
  root.style.colorScheme = theme;
}

export function storedThemeChoice(): ThemeChoice {
  try {
    const value = window.localStorage.getItem(THEME_STORAGE_KEY);
    return isThemeChoice(value) ? value : "system";
  } catch {
    return "system"; // storage blocked: follow the system
  }
}

export function storeThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

// A tiny external store over the stored choice, for useSyncExternalStore:
// every toggle on the page (and other tabs, through "storage") stays in step.
const listeners = new Set<() => void>();

export function subscribeThemeChoice(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

export function chooseTheme(choice: ThemeChoice): void {
  storeThemeChoice(choice);
  for (const listener of listeners) listener();
}
