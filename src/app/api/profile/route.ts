export {
  getProfileEndpoint as GET,
  updateProfileEndpoint as PATCH,
} from "@/modules/core/identity/api/profile-endpoints";
