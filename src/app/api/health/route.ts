export const dynamic = "force-dynamic";
export { healthEndpoint as GET } from "@/lib/http/health";
