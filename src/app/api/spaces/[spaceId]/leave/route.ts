export { leaveSpaceEndpoint as POST } from "@/modules/core/spaces/api/member-endpoints";
