export { authEndpoint as GET, authEndpoint as POST } from "@/modules/core/identity/api/auth-endpoint";
