export { OnboardingPage as default, generateMetadata } from "@/features/profile/pages/onboarding-page";
