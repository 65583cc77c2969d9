export { AuthErrorPage as default } from "@/features/auth/pages/auth-error-page";
