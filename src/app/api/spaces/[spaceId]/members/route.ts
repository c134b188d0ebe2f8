export { listMembersEndpoint as GET } from "@/modules/core/spaces/api/member-endpoints";
