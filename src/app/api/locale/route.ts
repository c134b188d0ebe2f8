export { setLocaleEndpoint as POST } from "@/i18n/locale-endpoint";
