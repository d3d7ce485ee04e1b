import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TasksApp } from "@/components/tasks/TasksApp";
import { apiBaseUrl } from "@/lib/runtime-config";
import { currentSession } from "@/lib/session";

export const metadata: Metadata = { title: "My tasks" };

export default async function TasksPage() {
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  const { id, name, email } = session.user;
  return <TasksApp apiUrl={apiBaseUrl()} user={{ id, name, email }} />;
}
