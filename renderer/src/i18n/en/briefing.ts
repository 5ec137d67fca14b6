export default {
  title: 'Briefing',
};
