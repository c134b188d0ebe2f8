export { usageCsvEndpoint as GET } from "@/modules/core/usage/api/usage-stats-endpoints";
