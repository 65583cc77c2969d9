export { SourcesPage as default, generateMetadata } from "@/features/connectors/pages/sources-page";
