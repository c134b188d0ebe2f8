export { usageStatsEndpoint as GET } from "@/modules/core/usage/api/usage-stats-endpoints";
