export const dynamic = "force-dynamic";
export { healthEndpoint as GET } from "@/server/http/health";
