export { CharterPage as default, generateMetadata } from "@/features/charter/pages/charter-page";
