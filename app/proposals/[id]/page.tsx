export { ProposalPage as default, generateMetadata } from "@/features/proposals/pages/proposal-page";
