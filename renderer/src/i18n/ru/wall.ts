export default {
  title: 'Видеостена',
};
