/**
 * Administrators are named in configuration (`ADMIN_EMAILS`), not stored: removing an email from
 * the list takes the rights away on the next request. `adminEmails` is already lowercased.
 */
export function isAdmin(user: { email: string } | null, adminEmails: readonly string[]): boolean {
  return !!user && adminEmails.includes(user.email.trim().toLowerCase());
}
