export { SignInPage as default, generateMetadata } from "@/features/auth/pages/sign-in-page";
