export { AccessibilityPage as default, generateMetadata } from "@/features/site/pages/accessibility-page";
