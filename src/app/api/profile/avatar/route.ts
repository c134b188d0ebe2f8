export {
  uploadAvatarEndpoint as POST,
  removeAvatarEndpoint as DELETE,
} from "@/modules/core/identity/api/profile-endpoints";
