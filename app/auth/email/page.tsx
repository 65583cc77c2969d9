export { ConfirmEmailLinkPage as default } from "@/features/auth/pages/confirm-email-link-page";
