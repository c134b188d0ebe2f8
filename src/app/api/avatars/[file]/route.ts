export { serveAvatarEndpoint as GET } from "@/modules/core/identity/api/profile-endpoints";
