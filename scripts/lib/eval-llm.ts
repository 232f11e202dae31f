/** Placeholder replaced below. */
export async function judgeConversations(..._args: unknown[]): Promise<unknown> {
  return null;
}
