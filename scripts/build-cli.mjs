console.log('cli build pending')
