export { EditProposalPage as default, generateMetadata } from "@/features/proposals/pages/edit-proposal-page";
