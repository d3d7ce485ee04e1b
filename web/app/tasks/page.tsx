import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TasksApp } from "@/components/tasks/TasksApp";
import { viewFromSearch } from "@/lib/tasks/views";
import { apiBaseUrl } from "@/lib/runtime-config";
import { currentSession } from "@/lib/session";

export const metadata: Metadata = { title: "My tasks" };

type Search = { view?: string | string[]; tag?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function TasksPage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  const { id, name, email } = session.user;
  const params = await searchParams;
  const initialView = viewFromSearch({ view: first(params.view), tag: first(params.tag) });
  return <TasksApp apiUrl={apiBaseUrl()} user={{ id, name, email }} initialView={initialView} />;
}
