export { PersonPage as default, generateMetadata } from "@/features/profile/pages/person-page";
