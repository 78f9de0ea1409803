// The page's entry: the start's calls first (app/boot.ts says why), then the app's code (start.tsx),
// loaded after they are on their way so that its loading and evaluation overlap their round
// trips. The fonts' stylesheets stay here, so that index.html links them from the start.
import '@fontsource/roboto/400.css';
import '@fontsource/roboto/500.css';
import '@fontsource/roboto/700.css';
import './app/boot';

void import('./start');
