export { createServer, type Server } from './server';
export { loadConfig, type AppConfig } from './config/app.config';
