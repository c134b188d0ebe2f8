"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLinks({ label, links }: { label: string; links: { href: string; text: string }[] }) {
  const pathname = usePathname();
  // "/" also owns /spaces/*: the dashboard is where spaces are listed.
  const isActive = (href: string) =>
    href === "/" ? pathname === "/" || pathname.startsWith("/spaces/") : pathname.startsWith(href);
  return (
    <nav aria-label={label}>
      <ul className="flex items-center gap-1">
        {links.map((link) => {
          const active = isActive(link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={`rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors ${
                  active ? "bg-zinc-100 text-zinc-900" : "text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900"
                }`}
              >
                {link.text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
