export default {
  title: 'Обращения',
};
