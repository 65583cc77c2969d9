export { CheckEmailPage as default } from "@/features/auth/pages/check-email-page";
