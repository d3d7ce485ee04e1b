import Link from "next/link";
import { Logo } from "@/components/Logo";
import { ThemeToggle } from "@/components/ThemeToggle";
import { currentSession } from "@/lib/session";

const features = [
  {
    title: "Capture in a second",
    body: "Type a title, press Enter. Add details only when they matter.",
    icon: "M12 4v16m8-8H4",
  },
  {
    title: "Find anything",
    body: "Today, Upcoming and Overdue at a glance; tags, priorities, search and sorting for the rest.",
    icon: "M21 21l-4.35-4.35M10.5 18a7.5 7.5 0 1 1 0-15 7.5 7.5 0 0 1 0 15z",
  },
  {
    title: "Yours alone",
    body: "Every list is private to its owner, checked on every single request.",
    icon: "M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6l7-3z",
  },
];

const preview = [
  { title: "Send the quarterly report", done: true },
  { title: "Book flights for the offsite", done: false },
  { title: "Review Maya's pull request", done: false },
];

export default async function LandingPage() {
  const session = await currentSession();

  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-surface via-brand-50/60 to-canvas dark:from-canvas dark:via-brand-950/50 dark:to-canvas">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo />
        <nav aria-label="Account" className="flex items-center gap-2">
          <ThemeToggle className="hidden sm:inline-flex" />
          {session ? (
            <Link href="/tasks" className="btn-primary">
              Open my tasks
            </Link>
          ) : (
            <>
              <Link href="/sign-in" className="btn-ghost">
                Sign in
              </Link>
              <Link href="/sign-up" className="btn-primary">
                Get started
              </Link>
            </>
          )}
        </nav>
      </header>

      <main className="mx-auto grid w-full max-w-6xl flex-1 items-center gap-12 px-4 py-10 sm:px-6 lg:grid-cols-2 lg:py-20">
        <section aria-labelledby="hero-title">
          <p className="mb-4 inline-flex items-center gap-2 rounded-full bg-accent-soft px-3 py-1 text-xs font-semibold text-accent-strong">
            Free for personal use
          </p>
          <h1
            id="hero-title"
            className="text-4xl font-extrabold tracking-tight text-balance text-ink sm:text-5xl"
          >
            Your tasks, in order. <span className="text-brand-600 dark:text-brand-300">Your head, clear.</span>
          </h1>
          <p className="mt-5 max-w-xl text-lg text-pretty text-ink-muted">
            Todo keeps everything you need to do in one calm list: capture, edit, check off, and
            find it again in seconds, on your laptop or your phone.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            {session ? (
              <Link href="/tasks" className="btn-primary px-6 py-3 text-base">
                Go to my tasks
              </Link>
            ) : (
              <>
                <Link href="/sign-up" className="btn-primary px-6 py-3 text-base">
                  Create your free account
                </Link>
                <Link href="/sign-in" className="btn-secondary px-6 py-3 text-base">
                  Sign in
                </Link>
              </>
            )}
          </div>
        </section>

        <div aria-hidden="true" className="relative mx-auto w-full max-w-md">
          <div className="absolute -inset-4 -z-10 rounded-3xl bg-brand-200/40 blur-2xl dark:bg-brand-800/30" />
          <div className="rounded-2xl border border-line bg-surface p-5 shadow-xl shadow-brand-900/10">
            <div className="mb-4 flex items-center justify-between">
              <p className="font-semibold text-ink">Today</p>
              <p className="text-xs text-ink-muted">1 of 3 done</p>
            </div>
            <ul className="space-y-2">
              {preview.map((item) => (
                <li
                  key={item.title}
                  className="flex items-center gap-3 rounded-lg border border-line-soft bg-subtle px-3 py-2.5"
                >
                  <span
                    className={
                      item.done
                        ? "grid size-5 place-items-center rounded-full bg-brand-600 text-white"
                        : "size-5 rounded-full border-2 border-line-strong"
                    }
                  >
                    {item.done && (
                      <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor">
                        <path d="M7.7 13.3 4.4 10l-1.2 1.2 4.5 4.5 9.1-9.1-1.2-1.2z" />
                      </svg>
                    )}
                  </span>
                  <span
                    className={
                      item.done ? "text-sm text-ink-muted line-through" : "text-sm text-ink"
                    }
                  >
                    {item.title}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </main>

      <section aria-label="Features" className="mx-auto w-full max-w-6xl px-4 pb-16 sm:px-6">
        <ul className="grid gap-4 sm:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-xl border border-line bg-surface p-5">
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className="size-6 text-brand-600 dark:text-brand-300"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d={feature.icon} />
              </svg>
              <h2 className="mt-3 font-semibold text-ink">{feature.title}</h2>
              <p className="mt-1 text-sm text-ink-muted">{feature.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <footer className="border-t border-line bg-surface">
        <p className="mx-auto max-w-6xl px-4 py-6 text-sm text-ink-muted sm:px-6">
          © Todo. Built for getting things done.
        </p>
      </footer>
    </div>
  );
}
